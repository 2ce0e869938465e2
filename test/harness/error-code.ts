/** The stable `code` of the error `fn` throws, or 'no error' when it returns. */
export function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
}
