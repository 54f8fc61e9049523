import type { ClipDocument } from '../../document/projectDocument';
import { keyContains, noteName, type MusicalKey } from '../../music/musicalKey';
import type { PlacedNote } from '../../music/placedNotes';
import { frequencyToHue, midiToFrequency } from '../../music/visualMappings';
import { DRAFT_ID, KEYS_WIDTH, ROW, RULER, type RollGeometry } from './geometry';

const BLACK = new Set([1, 3, 6, 8, 10]);

/** Everything one picture of the piano roll shows. */
export interface RollScene {
  readonly width: number;
  readonly height: number;
  readonly geometry: RollGeometry;
  /** The notes as shown, a drag in progress applied. */
  readonly notes: readonly PlacedNote[];
  readonly selected: ReadonlySet<string>;
  /** Notes others have selected, by id, with their colour. */
  readonly theirs: ReadonlyMap<string, string>;
  readonly clips: readonly ClipDocument[];
  readonly key: MusicalKey;
  readonly flats: boolean;
  /** Shade the rows of the key. */
  readonly scale: boolean;
  readonly snap: number;
  readonly barTicks: number;
  readonly beatTicks: number;
  /** Where the song ends (marked on the ruler). */
  readonly songTicks: number;
}

/**
 * Paints the piano roll on its canvas: rows (black keys darker, the key's notes lighter, its tonic
 * tinted), what lies outside every clip dimmed, the grid, the notes (the seed's frequency → hue,
 * brightness by velocity; mine outlined, others' dashed in their colour), the ruler and the keyboard.
 */
export function drawRoll(canvas: HTMLCanvasElement, scene: RollScene): void {
  const g = canvas.getContext('2d');
  if (!g) return;
  const { width, height, geometry: geo, key, barTicks, beatTicks } = scene;
  const ratio = devicePixelRatio;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.fillStyle = '#10131a';
  g.fillRect(0, 0, width, height);
  const rows = Math.ceil((height - RULER) / ROW) + 1;
  // Rows: black keys darker; the key's notes lighter, its tonic tinted.
  for (let i = 0; i < rows; i++) {
    const pitch = geo.topPitch - i;
    if (pitch < 0) break;
    const y = RULER + i * ROW;
    const pc = pitch % 12;
    let fill = BLACK.has(pc) ? '#0d1016' : '#13161e';
    if (scene.scale && keyContains(key, pitch)) fill = pc === key.tonic ? '#2a2417' : '#191d27';
    g.fillStyle = fill;
    g.fillRect(KEYS_WIDTH, y, width - KEYS_WIDTH, ROW);
    g.fillStyle = pc === 0 ? '#2c3244' : '#1a1e29';
    g.fillRect(KEYS_WIDTH, y + ROW - 1, width - KEYS_WIDTH, 1);
  }
  // Outside every clip: dimmed, since nothing there plays.
  g.fillStyle = 'rgba(0,0,0,0.28)';
  let covered = 0;
  const spans = scene.clips.map((c) => [c.start_bar * barTicks, (c.start_bar + c.length_bars) * barTicks] as const).sort((a, b) => a[0] - b[0]);
  for (const [s, e] of spans) {
    if (s > covered) g.fillRect(geo.x(covered), RULER, geo.x(s) - geo.x(covered), height);
    covered = Math.max(covered, e);
  }
  g.fillRect(Math.max(KEYS_WIDTH, geo.x(covered)), RULER, width, height);
  // Grid lines: snap, beats, bars.
  const lastTick = geo.tickAt(width);
  const fine = scene.snap > 0 && scene.snap * geo.pxPerTick >= 8 ? scene.snap : beatTicks;
  for (let t = Math.floor(geo.scrollTick / fine) * fine; t <= lastTick; t += fine) {
    const x = Math.round(geo.x(t)) + 0.5;
    if (x < KEYS_WIDTH) continue;
    g.fillStyle = t % barTicks === 0 ? '#39405a' : t % beatTicks === 0 ? '#252b3a' : '#1b2029';
    g.fillRect(x, RULER, 1, height);
  }
  // Notes: the seed's frequency → hue, brightness by velocity.
  for (const n of scene.notes) {
    const x = geo.x(n.tick);
    const w = Math.max(3, n.duration * geo.pxPerTick - 1);
    const y = geo.y(n.pitch);
    if (x + w < KEYS_WIDTH || x > width || y + ROW < RULER || y > height) continue;
    const hue = frequencyToHue(midiToFrequency(n.pitch));
    g.fillStyle = `hsl(${hue}, 70%, ${38 + (n.velocity / 127) * 24}%)`;
    roundRect(g, x, y + 1, w, ROW - 2, 3);
    g.fill();
    if (scene.selected.has(n.id) || n.id === DRAFT_ID) {
      g.strokeStyle = '#ffffff';
      g.lineWidth = 1.5;
      g.stroke();
    } else if (scene.theirs.has(n.id)) {
      g.strokeStyle = scene.theirs.get(n.id)!;
      g.lineWidth = 2;
      g.setLineDash([3, 2]);
      g.stroke();
      g.setLineDash([]);
    }
    g.fillStyle = 'rgba(0,0,0,0.35)';
    g.fillRect(x + w - 3, y + 3, 2, ROW - 6);
  }
  // Ruler with bar numbers.
  g.fillStyle = '#151821';
  g.fillRect(0, 0, width, RULER);
  g.fillStyle = '#8c93a8';
  g.font = '10px ui-monospace, monospace';
  for (let b = Math.floor(geo.scrollTick / barTicks); b * barTicks <= lastTick; b++) {
    const x = geo.x(b * barTicks);
    if (x >= KEYS_WIDTH) g.fillText(String(b + 1), x + 4, 13);
  }
  g.fillStyle = 'rgba(255,179,71,0.5)';
  g.fillRect(Math.max(KEYS_WIDTH, geo.x(scene.songTicks)), 0, 1, RULER);
  // Keyboard.
  for (let i = 0; i < rows; i++) {
    const pitch = geo.topPitch - i;
    if (pitch < 0) break;
    const y = RULER + i * ROW;
    const pc = pitch % 12;
    g.fillStyle = BLACK.has(pc) ? '#1b1e27' : '#d9dce6';
    g.fillRect(0, y, KEYS_WIDTH - 2, ROW - 1);
    if (pc === 0 || (scene.scale && pc === key.tonic)) {
      g.fillStyle = BLACK.has(pc) ? '#e7e9f0' : '#10131a';
      g.fillText(noteName(pitch, scene.flats), 6, y + ROW - 3);
    }
  }
  g.fillStyle = '#151821';
  g.fillRect(0, 0, KEYS_WIDTH, RULER);
}

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  g.beginPath();
  g.moveTo(x + r, y);
  g.arcTo(x + w, y, x + w, y + h, r);
  g.arcTo(x + w, y + h, x, y + h, r);
  g.arcTo(x, y + h, x, y, r);
  g.arcTo(x, y, x + w, y, r);
  g.closePath();
}
