-- PIN login failures counted per phone (by its blind index), for registered and unknown phones alike, so
-- that the lockout itself cannot tell a registered phone from an unknown one.
create table identity_login_throttle (
  phone_index text primary key,
  failures integer not null default 0,
  locked_until timestamptz
);
