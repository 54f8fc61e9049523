import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidOrderKey, keyBetween, spreadKeys } from '../src/document/fractionalIndex';
import { keyContains, keyJson, noteName, parseKeyJson, prefersFlats } from '../src/music/musicalKey';
import { barsBeatsSixteenths, secondsToTicks, swingTick, ticksPerBar, ticksToSeconds } from '../src/music/time';
import { frequencyToHue, midiToFrequency, velocityToScale } from '../src/music/visualMappings';
import { DRUM_LANES, drumVoiceOf } from '../src/music/drumMap';
import { uuidv7 } from '../src/collab/uuidv7';

describe('fractional index', () => {
  it('makes a key strictly between any two neighbours, in any list built by inserts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { minLength: 1, maxLength: 60 }), (moves) => {
        const keys = [keyBetween(null, null)];
        for (const m of moves) {
          const at = m % (keys.length + 1);
          const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
          expect(isValidOrderKey(key)).toBe(true);
          keys.splice(at, 0, key);
        }
        for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('spreads many keys short', () => {
    const keys = spreadKeys(null, null, 5000);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(4);
  });

  it('refuses bad neighbours', () => {
    expect(() => keyBetween('b', 'a')).toThrow();
    expect(() => keyBetween('a', 'a')).toThrow();
    expect(() => keyBetween('a0', null)).toThrow();
    expect(() => keyBetween('a!', null)).toThrow();
  });
});

describe('keys and pitches', () => {
  it('names keys as the server does', () => {
    expect(keyJson(parseKeyJson({ tonic: 'A#', mode: 'minor' })!)).toEqual({ tonic: 'Bb', mode: 'minor' });
    expect(keyJson(parseKeyJson({ tonic: 'Gb', mode: 'major' })!)).toEqual({ tonic: 'F#', mode: 'major' });
    expect(prefersFlats({ tonic: 5, mode: 0 })).toBe(true);
    expect(keyJson(parseKeyJson({ tonic: 'c', mode: 'Aeolian' })!)).toEqual({ tonic: 'C', mode: 'minor' });
  });

  it('knows which notes are in a key', () => {
    const aMinor = parseKeyJson({ tonic: 'A', mode: 'minor' })!;
    expect([57, 59, 60, 62, 64, 65, 67].every((p) => keyContains(aMinor, p))).toBe(true);
    expect([58, 61, 63, 66, 68].some((p) => keyContains(aMinor, p))).toBe(false);
    expect(noteName(60)).toBe('C4');
    expect(noteName(70, true)).toBe('Bb4');
  });
});

describe('musical time', () => {
  it('turns ticks into seconds at 480 per quarter', () => {
    expect(ticksToSeconds(480, 120)).toBeCloseTo(0.5, 12);
    expect(ticksToSeconds(1920, 60)).toBeCloseTo(4, 12);
    expect(secondsToTicks(ticksToSeconds(12345, 97), 97)).toBeCloseTo(12345, 6);
    expect(ticksPerBar({ numerator: 6, denominator: 8 })).toBe(1440);
    expect(barsBeatsSixteenths(1920 + 480 + 120, { numerator: 4, denominator: 4 })).toBe('2.2.2');
  });

  it('swings the off-beat sixteenths late, up to 75 %', () => {
    const bar = 1920;
    expect(swingTick(120, 0, bar)).toBe(120);
    expect(swingTick(120, 1, bar)).toBe(180); // 75 % of the eighth-note pair
    expect(swingTick(120, 0.5, bar)).toBe(150);
    expect(swingTick(0, 1, bar)).toBe(0);
    expect(swingTick(240, 1, bar)).toBe(240);
    expect(swingTick(360, 1, bar)).toBe(420);
  });

  it('keeps swung positions in order and inside their eighth-note pair (property)', () => {
    fc.assert(
      fc.property(fc.nat(1919), fc.nat(1919), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, swing) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(swingTick(x, swing, 1920)).toBeLessThanOrEqual(swingTick(y, swing, 1920));
        expect(Math.floor(swingTick(x, swing, 1920) / 240)).toBe(Math.floor(x / 240));
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('leaves a pair that does not fit in the bar straight (7/16)', () => {
    expect(swingTick(720 + 60, 1, 840)).toBe(780);
  });
});

describe("the seed's visual mappings", () => {
  it('maps velocity 0–127 to scale 0.5–2.0', () => {
    expect(velocityToScale(0)).toBe(0.5);
    expect(velocityToScale(127)).toBe(2);
    expect(velocityToScale(63.5)).toBeCloseTo(1.25, 12);
  });

  it('maps 20 Hz–20 kHz to hue 0–360 logarithmically', () => {
    expect(frequencyToHue(20)).toBe(0);
    expect(frequencyToHue(20000)).toBeCloseTo(360, 9);
    expect(frequencyToHue(Math.sqrt(20 * 20000))).toBeCloseTo(180, 9);
    // every octave gets the same share of the wheel
    expect(frequencyToHue(880) - frequencyToHue(440)).toBeCloseTo(frequencyToHue(110) - frequencyToHue(55), 9);
    expect(frequencyToHue(5)).toBe(0);
    expect(frequencyToHue(96000)).toBeCloseTo(360, 9);
    expect(midiToFrequency(69)).toBe(440);
  });
});

describe('the drum map', () => {
  it('plays the General MIDI percussion notes through the kit', () => {
    expect(drumVoiceOf(36)).toBe('kick');
    expect(drumVoiceOf(35)).toBe('kick');
    expect(drumVoiceOf(38)).toBe('snare');
    expect(drumVoiceOf(39)).toBe('clap');
    expect(drumVoiceOf(42)).toBe('closedHat');
    expect(drumVoiceOf(46)).toBe('openHat');
    expect([41, 45, 48].map(drumVoiceOf)).toEqual(['lowTom', 'midTom', 'highTom']);
    expect(drumVoiceOf(37)).toBe('rim');
    expect(drumVoiceOf(56)).toBe('perc');
    expect(drumVoiceOf(81)).toBe('perc');
    for (const lane of DRUM_LANES) expect(drumVoiceOf(lane.pitch)).toBe(lane.voice);
  });
});

describe('uuidv7', () => {
  it('writes the time first, then version 7 and the RFC variant', () => {
    const id = uuidv7(0x0190_1234_5678, (b) => b.fill(0xff));
    expect(id).toBe('01901234-5678-7fff-bfff-ffffffffffff');
    expect(uuidv7(1) < uuidv7(2)).toBe(true);
  });
});
