// Types of block-kit.js, which the browser loads as-is (no build step); tests import it through these.

export interface RenderContext {
  people?: ReadonlyArray<{ id: string; name: string; title?: string }>;
  channel?: { id: string; name: string };
  errors?: Readonly<Record<string, string>>;
  idPrefix?: string;
}

// Block Kit JSON arrives from the server untyped; the renderer tolerates any shape.
// biome-ignore lint/suspicious/noExplicitAny: untrusted JSON
type Json = any;

export type StateValue = { type: string } & Record<string, unknown>;
export type StateValues = Record<string, Record<string, StateValue>>;

export function escapeHtml(text: unknown): string;
export function isSafeUrl(url: unknown): boolean;
export function mrkdwnToHtml(text: unknown, ctx?: RenderContext): string;
export function textToHtml(textObject: Json, ctx?: RenderContext): string;
export function blockIdOf(block: Json, index: number): string;
export function actionIdOf(element: Json, index: number): string;
export function findElement(blocks: Json, blockId: string, actionId: string): Json | undefined;
export function findOption(element: Json, value: string): Json | undefined;
export function statefulElements(
  blocks: Json,
): Array<{ blockId: string; actionId: string; element: Json; required: boolean }>;
export function stateValue(element: Json, raw: string | readonly string[] | null | undefined): StateValue;
export function viewStateValues(
  blocks: Json,
  readRaw: (blockId: string, actionId: string) => string | readonly string[] | null | undefined,
): StateValues;
export function missingRequiredInputs(blocks: Json, values: StateValues): string[];
export function renderBlocks(blocks: Json, ctx?: RenderContext): string;
export function renderMessageContent(message: Json, ctx?: RenderContext): string;
export function renderModal(
  modal: { viewId: string; view: Json; errors?: Record<string, string> },
  ctx?: RenderContext,
): string;
export function renderConfirmDialog(confirm: Json, ctx?: RenderContext): string;
