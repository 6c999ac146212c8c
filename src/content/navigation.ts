/**
 * Single-page apps navigate without loading a page. The Navigation API tells of every change of
 * the current entry (pushState and replaceState included); where it is missing, back/forward and
 * hash changes are what can be heard. Returns the function that stops listening.
 */
interface NavigationLike {
  addEventListener(type: 'currententrychange', listener: () => void): void;
  removeEventListener(type: 'currententrychange', listener: () => void): void;
}

export function onNavigate(listener: () => void): () => void {
  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  if (navigation) {
    navigation.addEventListener('currententrychange', listener);
    return () => navigation.removeEventListener('currententrychange', listener);
  }
  addEventListener('popstate', listener);
  addEventListener('hashchange', listener);
  return () => {
    removeEventListener('popstate', listener);
    removeEventListener('hashchange', listener);
  };
}
