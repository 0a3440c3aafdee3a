/**
 * Finding the `<natter-session>` around an element. A DOM walk that imports nothing, so a
 * component can look for a session without loading the session code: the stand-alone room badge
 * loads none (see docs/decisions/0007-room-badge-lite-client.md).
 */
const SESSION_TAG = 'NATTER-SESSION';
const DOCUMENT_FRAGMENT_NODE = 11;

function shadowHost(node: Node | null): Element | null {
  return node && node.nodeType === DOCUMENT_FRAGMENT_NODE ? ((node as ShadowRoot).host ?? null) : null;
}

/** The parent of a node, stepping out of shadow roots, so a component inside another's shadow still finds its session. */
function composedParent(node: Node): Node | null {
  if (node.parentNode) return shadowHost(node.parentNode) ?? node.parentNode;
  return shadowHost(node.getRootNode?.() ?? null);
}

/** The nearest `<natter-session>` around an element, across shadow roots; null when there is none. */
export function nearestSessionElement(element: Element): Element | null {
  for (let node = composedParent(element); node; node = composedParent(node)) {
    if (node instanceof Element && node.tagName === SESSION_TAG) return node;
  }
  return null;
}
