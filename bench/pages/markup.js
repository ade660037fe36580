/* global chrome */
// The markup floor's one script: what the popup painted first (its #app, kept by the bench from
// an earlier open), put back with one innerHTML under the popup's own stylesheet. No component
// runs, so this page costs what painting that DOM costs; the popup above it is our JS.
const { 'bench-markup': markup } = await chrome.storage.session.get('bench-markup');
document.getElementById('app').innerHTML = markup ?? '';
