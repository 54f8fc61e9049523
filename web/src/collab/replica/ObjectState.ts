import { PROPERTIES, type PropertyValue, type TargetKind } from '../operations/schema';
import type { Register } from './lww';

/**
 * The replicated state of one object: whether it exists, one register per property, and its
 * children by id. A node can exist before its insert arrives (an update delivered out of order); it
 * is visible only once inserted and while not deleted. Deleting an object hides its children with
 * it; inserting the same id again after the delete restores them.
 */
export class ObjectState {
  readonly alive: Register<boolean> = { value: false, stamp: null };
  readonly properties: Register<PropertyValue>[];
  children: Map<string, ObjectState> | null = null;
  /** Bumped by every op merged at or under this object: lets the document reuse unchanged tracks. */
  version = 0;

  constructor(readonly kind: TargetKind, readonly id: string) {
    this.properties = PROPERTIES[kind].map(() => ({ value: 0, stamp: null }));
  }

  get isLive(): boolean {
    return this.alive.stamp !== null && this.alive.value;
  }

  child(kind: TargetKind, id: string): ObjectState {
    this.children ??= new Map();
    let child = this.children.get(id);
    if (!child) {
      child = new ObjectState(kind, id);
      this.children.set(id, child);
    }
    return child;
  }

  findChild(id: string | null): ObjectState | undefined {
    return id === null ? undefined : this.children?.get(id);
  }

  /** The greatest stamp clock written at or under this object. */
  maxClock(): number {
    let max = this.alive.stamp?.clock ?? 0;
    for (const register of this.properties) if (register.stamp && register.stamp.clock > max) max = register.stamp.clock;
    if (this.children) for (const child of this.children.values()) max = Math.max(max, child.maxClock());
    return max;
  }

  clone(): ObjectState {
    const copy = new ObjectState(this.kind, this.id);
    copy.version = this.version;
    copy.alive.value = this.alive.value;
    copy.alive.stamp = this.alive.stamp;
    this.properties.forEach((p, i) => {
      copy.properties[i]!.value = p.value;
      copy.properties[i]!.stamp = p.stamp;
    });
    if (this.children) copy.children = new Map([...this.children].map(([id, c]) => [id, c.clone()]));
    return copy;
  }
}
