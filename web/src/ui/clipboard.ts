/** Says whether it worked: the clipboard can be refused (no permission, or a page that is not focused). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
