-- Issue 11 "virtual time": the sandbox clock's offset from real time, in one row so that every platform
-- instance on this database agrees on the time (interfaces.md "hardening provides"). It only moves forward
-- (advance) or back to zero (reset); platform.now() adds it in sandbox mode only.
create table sandbox_clock (
  id boolean primary key default true check (id),
  offset_seconds bigint not null default 0 check (offset_seconds >= 0)
);
insert into sandbox_clock default values;
