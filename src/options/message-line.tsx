/** What an action in a section came to, in words; an error or not. */
export type Message = { kind: 'ok' | 'error'; text: string } | null;

/**
 * Where a section says what an action came to. Both live regions are always on the page, empty
 * while there is nothing to say: many screen readers announce only a change inside a live region
 * that was already there, not one inserted with its text. A result goes into the status (read out
 * when the user pauses), an error into the alert (read out at once).
 */
export function MessageLine({ message, testId }: { message: Message; testId: string }) {
  const ok = message?.kind === 'ok' ? message.text : '';
  const error = message?.kind === 'error' ? message.text : '';
  return (
    <div data-testid={testId}>
      <p class={ok ? 'message message-ok' : 'message'} role="status">
        {ok}
      </p>
      <p class={error ? 'message message-error' : 'message'} role="alert">
        {error}
      </p>
    </div>
  );
}
