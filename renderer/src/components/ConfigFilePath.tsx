/** @jsxRuntime automatic */

/** "config.yaml (/path/to/config.yaml)": where the operator edits a setting the page names. */
export function ConfigFilePath({ path }: { path: string | undefined }) {
  return (
    <>
      <code>config.yaml</code>
      {path && (
        <>
          {' '}
          (<code className="path">{path}</code>)
        </>
      )}
    </>
  );
}
