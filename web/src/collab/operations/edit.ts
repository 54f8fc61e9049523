/**
 * An edit before it becomes an operation: what to change and how, without identity or clocks
 * (src/Zordic.Collab/Operations/OperationIntent.cs; the REST API takes these as bare edits). The
 * studio turns gestures into edits (edits/); the editing session stamps them into operations.
 */
export type Edit =
  | { readonly type: 'insert'; readonly path: readonly string[]; readonly value: Record<string, unknown> }
  | { readonly type: 'update'; readonly path: readonly string[]; readonly value: unknown }
  | { readonly type: 'delete'; readonly path: readonly string[] };
