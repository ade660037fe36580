// The socket host lands here with the live connection; until then the document only exists
// so the build, the manifest and the tests carry the Chrome-only entrypoint from day one.
export {};
