/**
 * The relay's part in outcome overrides (docs/overrides.md): it takes them from the background
 * only (a runtime message from the extension itself; a page cannot send one) and hands them
 * to the hook over the node the hook gave the sentinel at document_start (`HOOK_HELLO`), never
 * over an event a page script could see or send.
 */
import { asRelayCommand, encodeOverrides, HOOK_OVERRIDES } from '../protocol';

export interface OverrideSender {
  /** The sender's extension id (`runtime.MessageSender.id`). */
  id?: string;
  /** Set when the message came from a content script of a tab, never from the background. */
  tab?: unknown;
}

/**
 * A runtime-message listener forwarding the background's override sets to the hook's node;
 * answers `true` when it forwarded one.
 */
export function overrideForwarder(
  hookNode: EventTarget | null,
  extensionId: string,
): (message: unknown, sender: OverrideSender) => Promise<true> | undefined {
  return (message, sender) => {
    const command = asRelayCommand(message);
    if (!command || sender.id !== extensionId || sender.tab !== undefined || !hookNode) return undefined;
    hookNode.dispatchEvent(new CustomEvent(HOOK_OVERRIDES, { detail: encodeOverrides(command.active) }));
    return Promise.resolve(true);
  };
}
