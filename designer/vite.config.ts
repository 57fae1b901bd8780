// The Vaadin plugin runs Vite from this module's folder; the configuration lives at the repository root.
export { default } from '../vite.config';
