import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeWav, type PcmSource } from '../src/audio/wav';

const source = (channels: Float32Array[], sampleRate = 44_100): PcmSource => ({
  numberOfChannels: channels.length,
  sampleRate,
  length: channels[0]!.length,
  getChannelData: (c) => channels[c]!,
});

const text = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

describe('WAV encoding', () => {
  it('writes the RIFF header of 16-bit PCM and the samples interleaved, little-endian', () => {
    const wav = encodeWav(source([new Float32Array([0, 1, -1]), new Float32Array([0.5, -0.5, 2])], 48_000));
    const view = new DataView(wav.buffer);
    expect([text(wav, 0, 4), text(wav, 8, 4), text(wav, 12, 4), text(wav, 36, 4)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    // fmt: PCM, 2 channels, 48 kHz, 192,000 bytes a second, 4 bytes a frame, 16 bits.
    expect([view.getUint16(20, true), view.getUint16(22, true), view.getUint32(24, true), view.getUint32(28, true), view.getUint16(32, true), view.getUint16(34, true)]).toEqual([1, 2, 48_000, 192_000, 4, 16]);
    expect(view.getUint32(40, true)).toBe(12);
    // Left, right, left, right …; 2 is clipped to full scale.
    expect(Array.from({ length: 6 }, (_, i) => view.getInt16(44 + 2 * i, true))).toEqual([0, 16384, 32767, -16383, -32767, 32767]);
    expect(Array.from(wav.subarray(44, 48))).toEqual([0x00, 0x00, 0x00, 0x40]);
  });

  it('gives back every sample, clipped and rounded, for any channels and lengths (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((channels) =>
          fc.integer({ min: 0, max: 64 }).chain((frames) => fc.array(fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: frames, maxLength: frames }), { minLength: channels, maxLength: channels })),
        ),
        fc.constantFrom(22_050, 44_100, 48_000),
        (data, rate) => {
          const channels = data.map((c) => Float32Array.from(c));
          const wav = encodeWav(source(channels, rate));
          const view = new DataView(wav.buffer);
          const frames = channels[0]!.length;
          expect(wav.length).toBe(44 + frames * channels.length * 2);
          expect(view.getUint32(24, true)).toBe(rate);
          for (let c = 0; c < channels.length; c++)
            for (let i = 0; i < frames; i++) {
              const s = Math.max(-1, Math.min(1, channels[c]![i]!));
              expect(view.getInt16(44 + 2 * (i * channels.length + c), true)).toBe(Math.round(s * 32767) || 0);
            }
        },
      ),
    );
  });
});
