/** Saves what `url` points at (a blob or a same-origin address) as a file named `name`, through a temporary link. */
export function saveHref(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}
