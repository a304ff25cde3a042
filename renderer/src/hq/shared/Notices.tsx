// The status line and the error line every console page shows above its content: a notice after
// something succeeded (role=status, read out politely) and an error that says what went wrong
// (role=alert). Either may be empty.

export function Notices({ message, error }: { message?: string | null; error?: string | null }) {
  return (
    <>
      {message && (
        <p role="status" className="hq-notice">
          {message}
        </p>
      )}
      {error && (
        <p role="alert" className="hq-error">
          {error}
        </p>
      )}
    </>
  );
}
