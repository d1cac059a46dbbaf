/**
 * The Compute Pressure API (Chromium 125+, secure pages): the machine's own word on how loaded its CPU is,
 * which the encoders' `qualityLimitationReason` only shows once they already suffer. Absent elsewhere:
 * `state` stays undefined and the encoders' word is all there is.
 */
export type ComputePressureState = 'nominal' | 'fair' | 'serious' | 'critical';

interface PressureRecord {
  state: ComputePressureState;
}

interface PressureObserverLike {
  observe(source: 'cpu', options?: { sampleInterval?: number }): Promise<void>;
  disconnect(): void;
}

type PressureObserverConstructor = new (callback: (records: PressureRecord[]) => void) => PressureObserverLike;

export class ComputePressure {
  state: ComputePressureState | undefined;
  private observer: PressureObserverLike | undefined;

  start(): void {
    // Not in TypeScript's DOM types yet; read by name, checked before use.
    const Observer = (globalThis as { PressureObserver?: PressureObserverConstructor }).PressureObserver;
    if (!Observer || this.observer) return;
    const observer = new Observer((records) => {
      this.state = records.at(-1)?.state ?? this.state;
    });
    this.observer = observer;
    // Refused where a permissions policy or the platform does not allow it: then it is simply not there.
    observer.observe('cpu', { sampleInterval: 2000 }).catch(() => {
      this.state = undefined;
    });
  }

  /** The machine says it is overloaded now. */
  get pressed(): boolean {
    return this.state === 'serious' || this.state === 'critical';
  }

  get critical(): boolean {
    return this.state === 'critical';
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.state = undefined;
  }
}
