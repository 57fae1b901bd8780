// The part of Vaadin's generated frontend/generated/flow/ReactAdapter.tsx the frontend uses (flow-react 25.2), so
// the type check needs no Vaadin build; the build itself compiles against the real file.
declare module 'Frontend/generated/flow/ReactAdapter' {
  import type { Dispatch, ReactElement } from 'react';

  export type RenderHooks = {
    readonly useState: <T>(key: string, initialValue?: T) => [value: T, setValue: Dispatch<T>];
    readonly useContent: (name: string) => ReactElement | null;
  };

  export abstract class ReactAdapterElement extends HTMLElement {
    protected useState<T>(key: string, initialValue?: T): [value: T, setValue: Dispatch<T>];
    protected useContent(name: string): ReactElement | null;
    protected abstract render(hooks: RenderHooks): ReactElement | null;
  }
}
