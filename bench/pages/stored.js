/* global chrome */
// The stored-data floor's one script (bench/pages/stored.html): the popup's first read is a
// storage.session get too (its first screen); the key here is absent, the round trip is the same.
const stored = await chrome.storage.session.get('bench-stored-floor');
const paragraph = document.createElement('p');
paragraph.textContent = stored['bench-stored-floor'] ?? 'Circle Live';
document.body.append(paragraph);
