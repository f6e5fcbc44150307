-- What a booking is for, where the service asks (年审预约: which of the applicant's vehicles; docs/appointments.md).
-- subject_index: the blind index of the record's key (the plate), so one applicant keeps one live booking per
-- service and vehicle without the plate stored in clear; subject_label: the masked plate and vehicle type that
-- the citizen and the inspection station read (粤A****5（小型普通客车）). Both null for the other services.
alter table appointments add column subject_index text, add column subject_label text;
