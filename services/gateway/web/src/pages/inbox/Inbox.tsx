// Placeholder until the inbox is built.
export function Inbox() {
  return <main id="main">inbox</main>;
}
