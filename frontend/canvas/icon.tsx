// A Vaadin icon (`vaadin:filter`) on the canvas: the <vaadin-icon> element, which the server side loads.
import { createElement } from 'react';

export function Icon({ icon, className }: { icon: string; className?: string }) {
  return createElement('vaadin-icon', { icon, className, 'aria-hidden': 'true' });
}
