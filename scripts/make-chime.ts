// Synthesizes the alert sound and writes public/sounds/chime.wav: two soft bell tones a
// fifth apart (A5 then E6), each a sine with a quieter octave partial and a quick decay,
// 0.36 s in all. Made by code rather than taken from a sound library, so the sound is ours,
// reproducible and small (16-bit mono at 22,050 Hz, about 16 KB).
import { mkdirSync, writeFileSync } from 'node:fs';

const RATE = 22_050;
const LENGTH_S = 0.36;
const TONES = [
  { hz: 880, at: 0, decay: 9 },
  { hz: 1318.5, at: 0.09, decay: 8 },
];
const PEAK = 0.45;

function sample(t: number): number {
  let value = 0;
  for (const tone of TONES) {
    const local = t - tone.at;
    if (local < 0) continue;
    // A 5 ms attack: a sine that starts at full strength clicks.
    const envelope = Math.min(1, local / 0.005) * Math.exp(-tone.decay * local);
    value += envelope * (Math.sin(2 * Math.PI * tone.hz * local) + 0.25 * Math.sin(4 * Math.PI * tone.hz * local));
  }
  // The last 20 ms fade to silence, so the end does not click either.
  const tail = Math.min(1, (LENGTH_S - t) / 0.02);
  return (value / 1.25 / TONES.length) * PEAK * 2 * tail;
}

function wav(samples: Int16Array): Buffer {
  const data = Buffer.from(samples.buffer);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8, 'ascii');
  head.write('fmt ', 12, 'ascii');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(RATE, 24);
  head.writeUInt32LE(RATE * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'ascii');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

const samples = new Int16Array(Math.round(RATE * LENGTH_S));
for (let i = 0; i < samples.length; i++) samples[i] = Math.round(Math.max(-1, Math.min(1, sample(i / RATE))) * 32_767);
mkdirSync('public/sounds', { recursive: true });
writeFileSync('public/sounds/chime.wav', wav(samples));
console.info(`public/sounds/chime.wav: ${samples.length} samples, ${(samples.length / RATE).toFixed(2)} s`);
