import { Form, Input, InputNumber, Select } from 'antd';
import { createContext, useContext, type ReactNode } from 'react';
import { getIn, pathString, type Path, type SchemeDraft } from './schemeDraft';

/** What every field of the editor reads and writes: the draft, its errors by path, and a setter. */
export interface EditorContextValue {
  draft: SchemeDraft;
  errors: Map<string, string>;
  set(path: Path, value: unknown): void;
  update<T>(path: Path, fn: (value: T) => T): void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('EditorContext missing');
  return ctx;
}

/** The error text for a path, if any. */
export function useFieldError(path: Path): string | undefined {
  return useEditor().errors.get(pathString(path));
}

interface FieldProps {
  label: ReactNode;
  path: Path;
  required?: boolean;
  hint?: ReactNode;
  /** Longer help, shown from an icon beside the label. */
  tooltip?: string;
  className?: string;
}

function FieldShell({ label, path, required, hint, tooltip, className, children }: FieldProps & { children: ReactNode }) {
  const error = useFieldError(path);
  return (
    <Form.Item
      label={label}
      required={required}
      className={className}
      validateStatus={error ? 'error' : undefined}
      help={error}
      extra={hint}
      tooltip={tooltip}
      htmlFor={fieldId(path)}
    >
      {children}
    </Form.Item>
  );
}

/** A stable DOM id for a field, so labels are tied to inputs (and tests can find them by label). */
export function fieldId(path: Path): string {
  return `f-${pathString(path).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function TextField({ rows, placeholder, ...props }: FieldProps & { rows?: number; placeholder?: string }) {
  const { draft, set } = useEditor();
  const value = (getIn(draft, props.path) as string | undefined) ?? '';
  const error = useFieldError(props.path);
  return (
    <FieldShell {...props}>
      {rows ? (
        <Input.TextArea
          id={fieldId(props.path)}
          value={value}
          placeholder={placeholder}
          autoSize={{ minRows: rows, maxRows: 12 }}
          status={error ? 'error' : undefined}
          onChange={(e) => set(props.path, e.target.value)}
        />
      ) : (
        <Input id={fieldId(props.path)} value={value} placeholder={placeholder} status={error ? 'error' : undefined} onChange={(e) => set(props.path, e.target.value)} />
      )}
    </FieldShell>
  );
}

/**
 * Points typed as decimal text (0.05). Parsed by the validation with the
 * points module: at most three decimals, the Chinese message shown beside it.
 * An optional field left empty means 不限 (null).
 */
export function PointsField({ optional, placeholder, ...props }: FieldProps & { optional?: boolean; placeholder?: string }) {
  const { draft, set } = useEditor();
  const raw = getIn(draft, props.path) as string | null | undefined;
  const error = useFieldError(props.path);
  return (
    <FieldShell {...props} required={!optional && props.required !== false}>
      <Input
        id={fieldId(props.path)}
        value={raw ?? ''}
        inputMode="decimal"
        placeholder={placeholder ?? (optional ? '不限' : '')}
        suffix="分"
        status={error ? 'error' : undefined}
        onChange={(e) => {
          const v = e.target.value;
          set(props.path, optional && v.trim() === '' ? null : v);
        }}
      />
    </FieldShell>
  );
}

export function IntField({ min, max, suffix, ...props }: FieldProps & { min?: number; max?: number; suffix?: string }) {
  const { draft, set } = useEditor();
  const value = getIn(draft, props.path) as number | null | undefined;
  const error = useFieldError(props.path);
  return (
    <FieldShell {...props} required>
      <InputNumber
        id={fieldId(props.path)}
        value={value ?? null}
        min={min}
        max={max}
        precision={0}
        suffix={suffix}
        style={{ width: '100%' }}
        status={error ? 'error' : undefined}
        onChange={(v) => set(props.path, v ?? null)}
      />
    </FieldShell>
  );
}

export function SelectField<V extends string | null>({ options, ...props }: FieldProps & { options: { value: V; label: string }[] }) {
  const { draft, set } = useEditor();
  const value = getIn(draft, props.path) as V;
  return (
    <FieldShell {...props}>
      <Select<V> id={fieldId(props.path)} value={value} options={options} onChange={(v) => set(props.path, v)} style={{ width: '100%' }} />
    </FieldShell>
  );
}
