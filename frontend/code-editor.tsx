// A code field (CodeMirror 6) for config strings with a contentMediaType: JavaScript or Velocity highlighting,
// the server's problem marked at its line. The text goes to the server (state "value") 300 ms after typing stops
// and when the editor loses focus, always the whole document, so a late or merged send loses no keystroke.
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import { basicSetup } from 'codemirror';
import { EditorView } from '@codemirror/view';
import { EditorState, type Extension } from '@codemirror/state';
import { StreamLanguage } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { velocity } from '@codemirror/legacy-modes/mode/velocity';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import React, { useEffect, useId, useRef } from 'react';

const SEND_AFTER_MS = 300;

function language(mediaType: string): Extension {
  switch (mediaType) {
    case 'text/javascript':
    case 'application/javascript':
      return javascript();
    case 'text/x-velocity':
      return StreamLanguage.define(velocity);
    default:
      return [];
  }
}

type Props = {
  value: string;
  mediaType: string;
  label: string;
  helper: string;
  errorMessage: string;
  invalid: boolean;
  errorLine: number;
  errorColumn: number;
  send: (text: string) => void;
};

/** The problem as a diagnostic: from its column to the end of its line, or the whole line without a column. */
function diagnostics(view: EditorView, props: Props): Diagnostic[] {
  if (!props.invalid || !props.errorMessage) return [];
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(props.errorLine || 1, 1), doc.lines));
  const column = props.errorColumn > 0 ? line.from + props.errorColumn - 1 : line.from;
  // past the end of the line (a missing brace): mark the whole line, as an empty range would hardly show
  const from = column < line.to ? column : line.from;
  return [{ from, to: line.to, severity: 'error', message: props.errorMessage }];
}

function CodeMirrorField(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const known = useRef(props.value); // the text the server has
  const timer = useRef<number | undefined>(undefined);
  const send = useRef(props.send);
  send.current = props.send;
  const labelId = useId();

  const flush = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    const text = view.current?.state.doc.toString();
    if (text !== undefined && text !== known.current) {
      known.current = text;
      send.current(text);
    }
  };

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      // CodeMirror would mount its styles in the shadow root of the layout this field is slotted into, where
      // they do not reach the editor in the light DOM
      root: document,
      state: EditorState.create({
        doc: props.value ?? '',
        extensions: [
          basicSetup,
          language(props.mediaType),
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-labelledby': labelId, spellcheck: 'false' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              window.clearTimeout(timer.current);
              timer.current = window.setTimeout(flush, SEND_AFTER_MS);
            }
          }),
          EditorView.domEventHandlers({ blur: () => flush() }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      flush();
      editor.destroy();
      view.current = null;
    };
    // one editor per element: later values arrive through the effect below
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.mediaType]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || props.value === known.current) return;
    // the server replaced the text (not an echo of what was typed here)
    known.current = props.value;
    if (editor.state.doc.toString() !== props.value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: props.value ?? '' } });
    }
  }, [props.value]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, diagnostics(editor, props)));
    // the diagnostics read only these props; a new send callback must not re-mark the text
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.invalid, props.errorMessage, props.errorLine, props.errorColumn]);

  return (
    <div className={'code-editor' + (props.invalid ? ' code-editor-invalid' : '')}>
      <label id={labelId} className="code-editor-label">
        {props.label}
      </label>
      <div ref={host} className="code-editor-host" data-error-line={props.invalid ? props.errorLine : undefined} />
      {props.invalid && props.errorMessage ? (
        <div className="code-editor-error" role="alert">
          {props.errorMessage}
        </div>
      ) : null}
      {props.helper ? <div className="code-editor-helper">{props.helper}</div> : null}
    </div>
  );
}

class CodeEditorElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [value, setValue] = hooks.useState<string>('value');
    const [mediaType] = hooks.useState<string>('mediaType');
    const [label] = hooks.useState<string>('label');
    const [helper] = hooks.useState<string>('helper');
    const [errorMessage] = hooks.useState<string>('errorMessage');
    const [invalid] = hooks.useState<boolean>('invalid');
    const [errorLine] = hooks.useState<number>('errorLine');
    const [errorColumn] = hooks.useState<number>('errorColumn');
    return (
      <CodeMirrorField
        value={value ?? ''}
        mediaType={mediaType ?? ''}
        label={label ?? ''}
        helper={helper ?? ''}
        errorMessage={errorMessage ?? ''}
        invalid={!!invalid}
        errorLine={errorLine ?? 0}
        errorColumn={errorColumn ?? 0}
        send={setValue}
      />
    );
  }
}

customElements.define('sluice-code-editor', CodeEditorElement);
