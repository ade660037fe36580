// The official client ships no types; tests/conformance/rails-actioncable.d.ts declares what the
// conformance test uses, and this adds (declarations merge) the logger the bench listens to.
declare module '@rails/actioncable' {
  export const logger: { enabled: boolean; log(...messages: unknown[]): void };
}
