// Placeholder until the manager views are built.
export function Manager() {
  return <main id="main">manager</main>;
}
