/** Reads the JSON file chosen in a file input and clears the input; null when it is not JSON (the backend says why). */
export async function readJsonFile(e: Event): Promise<{ json: unknown } | null> {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return null;
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    json = null;
  }
  input.value = '';
  return { json };
}
