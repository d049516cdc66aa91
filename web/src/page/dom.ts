/** An element the page's HTML must have; a missing one is a build mistake, reported by its id. */
export const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
};
