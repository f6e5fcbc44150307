/** Tables owned by the education lookups (migrations/0034_lookups_exam-attempts.sql). */
export interface ExamLookupTables {
  lookup_exam_attempts: {
    scope: 'account' | 'number';
    /** The account id, or the blind index of `<exam>:<number>`. */
    key: string;
    failures: number;
    window_started_at: Date;
    locked_until: Date | null;
  };
}
