import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FilterInfo, LabelSetInfo } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { describeError } from '../lib/errors';
import { useRequest } from '../lib/use-request';
import { ErrorNotice } from '../shell/error-notice';
import { trainVerdict } from './filter-facts';
import { BackendNote } from './backend-note';
import { FilterResult } from './filter-result';
import { FilterTable } from './filter-table';
import { LabelSetPicker } from './label-set-picker';
import { TrainForm } from './train-form';
import { defaultValues, epochsOf, fieldError, toOverrides, trainFields, valuesFromSettings, type TrainField, type TrainKey, type TrainValues } from './train-settings';
import { TrainingMonitor } from './training-monitor';
import { useFilters, useLabelSets, usePresets } from './use-store-lists';
import { filterInAddress, useTraining } from './use-training';
import { useTrainValidation } from './use-train-validation';

/**
 * The Train page (issue 5, item 2): choose a label set and the filter's settings, start, watch
 * L_cls, L_contr, L_ess and the held-out metrics grow epoch by epoch, stop; then the filter's
 * metrics, its weight over the label set's plane, and a filtered run in one click. Stored
 * filters can be opened again from the list. The form's fields come from `config:fields`, so the
 * page waits for them first.
 */
export function TrainPage() {
  const fields = useRequest(() => invoke('config:fields', undefined).then(trainFields));
  return (
    <section className="page train-page" aria-labelledby="train-title">
      <div className="page-head">
        <h1 id="train-title">Train</h1>
        <BackendNote />
      </div>
      {fields.error !== null && <ErrorNotice error={fields.error} context="Could not load the training settings" />}
      {fields.data ? <TrainDesk fields={fields.data} /> : fields.error === null && <p className="loading">Loading the training settings…</p>}
    </section>
  );
}

/** Everything below the title, once the form's fields are known. */
function TrainDesk({ fields }: { fields: readonly TrainField[] }) {
  const labelSets = useLabelSets();
  const filters = useFilters();
  const presets = usePresets();
  const training = useTraining();
  const [setId, setSetId] = useState<string | null>(null);
  const [values, setValues] = useState<TrainValues>(() => defaultValues(fields));
  const [name, setName] = useState('');
  const [startError, setStartError] = useState<unknown>(null);
  const [startFieldError, setStartFieldError] = useState<{ key: TrainKey; message: string } | null>(null);
  const [stopError, setStopError] = useState<unknown>(null);
  const wantSet = useRef<string | null>(null);

  const sets = labelSets.data;
  const overrides = useMemo(() => toOverrides(fields, values), [fields, values]);
  const validation = useTrainValidation(overrides);
  const selectedSet = sets?.find((s) => s.id === setId) ?? null;

  // Keep a valid selection: the set just made here once the list has it, else the newest usable one.
  useEffect(() => {
    if (!sets || sets.length === 0) return;
    if (wantSet.current && sets.some((s) => s.id === wantSet.current)) {
      setSetId(wantSet.current);
      wantSet.current = null;
      return;
    }
    if (setId !== null && sets.some((s) => s.id === setId)) return;
    const usable = [...sets].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).find((s) => trainVerdict(s).ok);
    setSetId((usable ?? sets[0]).id);
  }, [sets, setId]);

  // On arrival: the filter named in the address (a reload), else one still training.
  const opened = useRef(false);
  const { open } = training;
  useEffect(() => {
    if (opened.current || !filters.data) return;
    opened.current = true;
    const wanted = filterInAddress();
    const filter = filters.data.find((f) => f.id === wanted) ?? filters.data.find((f) => f.status === 'training');
    if (filter) open(filter);
  }, [filters.data, open]);

  const view = training.view;
  const viewed = view ? (filters.data?.find((f) => f.id === view.filterId) ?? null) : null;
  const liveRunning = view !== null && view.startedHere && (view.outcome?.status ?? viewed?.status ?? 'training') === 'training';
  const metrics = viewed?.metrics ?? null;

  const change = useCallback((key: TrainKey, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setStartFieldError((e) => (e?.key === key ? null : e));
  }, []);

  const onStart = (): void => {
    if (!setId) return;
    setStartError(null);
    setStartFieldError(null);
    setStopError(null);
    training.start({ labelSetId: setId, name: name.trim() || undefined, overrides, epochs: epochsOf(fields, values) }).catch((error: unknown) => {
      const { code, message } = describeError(error);
      const field = code === 'INVALID_CONFIG' ? fieldError(fields, message) : null;
      if (field) setStartFieldError({ key: field.key, message: field.message });
      else setStartError(error);
    });
  };

  const onStop = (): void => {
    setStopError(null);
    training.stop().then((cancelled) => {
      if (!cancelled && (viewed?.status ?? 'training') === 'training') {
        setStopError(new Error('these services are not training this filter: it is trained elsewhere (a terminal, with `train-filter`), stop it there with Ctrl-C'));
      }
    }, setStopError);
  };

  const onUseSettings = (filter: FilterInfo): void => {
    setValues(valuesFromSettings(fields, filter.settings));
    if (filter.labelSetId && sets?.some((s) => s.id === filter.labelSetId)) setSetId(filter.labelSetId);
    document.getElementById('train-title')?.scrollIntoView({ behavior: 'smooth' });
  };

  const onCreated = (set: LabelSetInfo): void => {
    wantSet.current = set.id;
    labelSets.reload();
  };

  const verdict = trainVerdict(selectedSet);
  const blocked = liveRunning ? 'A filter is training: wait for it or stop it first.' : !setId ? 'Choose a label set first.' : verdict.ok ? null : verdict.reason;

  return (
    <>
      {labelSets.error !== null && <ErrorNotice error={labelSets.error} context="Could not load the label sets" />}
      <div className="train-layout">
        <TrainForm
          fields={fields}
          values={values}
          overrides={overrides}
          name={name}
          namePlaceholder={selectedSet ? `filter on ${selectedSet.name}` : 'filter name'}
          labelSetId={setId}
          validation={validation}
          startFieldError={startFieldError}
          startError={startError}
          blocked={sets && sets.length === 0 ? 'Make or label a label set first.' : blocked}
          starting={training.starting}
          onChange={change}
          onName={setName}
          onReset={() => setValues(defaultValues(fields))}
          onStart={onStart}
        >
          <LabelSetPicker sets={sets} loading={labelSets.loading} selectedId={setId} onSelect={setSetId} onCreated={onCreated} />
        </TrainForm>
        <TrainingMonitor view={view} filter={viewed} bestEpoch={metrics?.bestEpoch ?? null} stopping={training.stopping} stopError={stopError} onStop={onStop} />
      </div>
      {viewed && viewed.status === 'ready' && (
        <FilterResult filter={viewed} labelSet={sets?.find((s) => s.id === viewed.labelSetId) ?? null} presets={presets.data} onUseSettings={onUseSettings} />
      )}
      <h2>Filters</h2>
      {filters.error !== null && <ErrorNotice error={filters.error} context="Could not load the filters" />}
      {filters.data === null && filters.error === null && <p className="loading">Loading filters…</p>}
      {filters.data && <FilterTable filters={filters.data} labelSets={sets} openId={view?.filterId ?? null} onOpen={open} />}
    </>
  );
}
