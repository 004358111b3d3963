// Is the lab on screen? Combines an IntersectionObserver on the lab with the tab's visibility,
// and reports each change, so an embedded lab can pause when nobody can see it.

export interface VisibilityEnvironment {
  document: Pick<Document, 'addEventListener' | 'removeEventListener'> & { readonly hidden: boolean };
  IntersectionObserver?: typeof IntersectionObserver;
}

export function watchVisibility(
  element: Element,
  onChange: (visible: boolean) => void,
  environment: VisibilityEnvironment = { document, IntersectionObserver: globalThis.IntersectionObserver },
): () => void {
  let intersecting = true;
  let visible = !environment.document.hidden;
  const report = (): void => {
    const now = intersecting && !environment.document.hidden;
    if (now === visible) return;
    visible = now;
    onChange(now);
  };
  const onVisibility = (): void => report();
  environment.document.addEventListener('visibilitychange', onVisibility);
  let observer: IntersectionObserver | null = null;
  if (environment.IntersectionObserver) {
    observer = new environment.IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (!last) return;
      intersecting = last.isIntersecting;
      report();
    });
    observer.observe(element);
  }
  return () => {
    environment.document.removeEventListener('visibilitychange', onVisibility);
    observer?.disconnect();
  };
}

/** Remembers whether playback was on when the lab went out of sight, to resume it on return. */
export class AutoPause {
  #resume = false;

  constructor(private readonly playback: { readonly playing: boolean; play(): void; pause(): void }) {}

  onVisibility(visible: boolean): void {
    if (!visible) {
      this.#resume = this.playback.playing;
      if (this.#resume) this.playback.pause();
    } else if (this.#resume) {
      this.#resume = false;
      this.playback.play();
    }
  }
}
