import { uuidv7 } from './uuidv7';

/**
 * Who is editing. The studio has no accounts yet: a user is an id and a display name kept in this
 * browser (localStorage, shared by its tabs); an editing session is one tab (sessionStorage, kept
 * across reloads and reconnects so that resent ops are recognised as resends).
 */
export interface Identity {
  readonly userId: string;
  readonly displayName: string;
}

const USER_KEY = 'zordic.user';
const SESSION_KEY = 'zordic.session';

const ADJECTIVES = ['Velvet', 'Neon', 'Dusty', 'Lunar', 'Amber', 'Cobalt', 'Mellow', 'Swift', 'Hazy', 'Golden', 'Crimson', 'Quiet'];
const ANIMALS = ['Otter', 'Heron', 'Lynx', 'Moth', 'Fox', 'Koi', 'Owl', 'Hare', 'Wren', 'Seal', 'Ibis', 'Puma'];

function randomName(): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}

export function loadIdentity(): Identity {
  try {
    const stored = JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as Identity | null;
    if (stored?.userId && stored.displayName) return stored;
  } catch {
    // a corrupt entry: make a new identity
  }
  const identity = { userId: `user-${uuidv7().slice(-12)}`, displayName: randomName() };
  saveIdentity(identity);
  return identity;
}

export function saveIdentity(identity: Identity): void {
  try {
    localStorage.setItem(USER_KEY, JSON.stringify(identity));
  } catch {
    // private mode: the identity lives for this page only
  }
}

/**
 * This tab's editing session id. "Duplicate tab" copies sessionStorage, which would give two tabs one
 * session and make their op numbers collide; a Web Lock held for the tab's life detects that, and the
 * copy takes a new id.
 */
let claimed: Promise<string> | null = null;

/** Claimed once per page: opening another project in the same tab keeps the same editing session. */
export function claimTabSession(): Promise<string> {
  return (claimed ??= claim());
}

async function claim(): Promise<string> {
  let id = sessionStorage.getItem(SESSION_KEY) ?? `tab-${uuidv7()}`;
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks) {
    const held = await tryHold(locks, id);
    if (!held) {
      id = `tab-${uuidv7()}`;
      await tryHold(locks, id);
    }
  }
  sessionStorage.setItem(SESSION_KEY, id);
  return id;
}

function tryHold(locks: LockManager, id: string): Promise<boolean> {
  return new Promise((resolve) => {
    void locks.request(`zordic:${id}`, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // Hold it until the tab goes away.
      return lock ? new Promise<void>(() => {}) : undefined;
    });
  });
}
