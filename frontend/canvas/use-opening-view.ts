// Where the canvas looks: the flow centred at 100 % once its nodes are measured (zoomed out only as far as it needs
// to fit), and again whenever the canvas changes size, as when a side panel folds or unfolds.
import { getNodesBounds, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { inView, openingView } from './layout';

export type View = {
  /** Puts the flow back in the opening view. */
  recentre: (duration?: number) => void;
  /** Pans, at the zoom the user chose, to a node that is not wholly on screen (one just added, say). */
  reveal: (id: string) => void;
};

export function useOpeningView(container: RefObject<HTMLElement | null>): View {
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  const recentre = useCallback(
    (duration = 0) => {
      const el = container.current;
      const nodes = flow.getNodes();
      if (!el || nodes.length === 0) return;
      const { width, height } = el.getBoundingClientRect();
      if (width === 0 || height === 0) return;
      void flow.setViewport(openingView(getNodesBounds(nodes), width, height), { duration });
    },
    [flow, container],
  );

  const reveal = useCallback(
    (id: string) => {
      const el = container.current;
      const node = flow.getNode(id);
      if (!el || !node) return;
      const view = flow.getViewport();
      if (inView(node, view, el.clientWidth, el.clientHeight)) return;
      const width = node.measured?.width ?? 200;
      const height = node.measured?.height ?? 64;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: view.zoom, duration: 150 });
    },
    [flow, container],
  );

  const opened = useRef(false);
  useEffect(() => {
    if (initialized && !opened.current) {
      opened.current = true;
      recentre();
    }
  }, [initialized, recentre]);

  useEffect(() => {
    const el = container.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let size = { width: el.clientWidth, height: el.clientHeight };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      const now = { width: el.clientWidth, height: el.clientHeight };
      if (Math.abs(now.width - size.width) < 2 && Math.abs(now.height - size.height) < 2) return;
      size = now;
      clearTimeout(timer);
      timer = setTimeout(() => recentre(150), 120);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [container, recentre]);

  return { recentre, reveal };
}
