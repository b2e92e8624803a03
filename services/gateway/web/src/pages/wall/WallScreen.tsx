// Placeholder until the wall screen is built.
export function WallScreen() {
  return <main id="main">wall</main>;
}
