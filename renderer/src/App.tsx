// Top-level component. The register screens are added by the register work; until then the
// first screen asks to enroll this register with the sync server.
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Store POS</h1>
      <p data-testid="first-screen">Set up this register: enter the sync server address and an enrollment code.</p>
    </main>
  );
}
