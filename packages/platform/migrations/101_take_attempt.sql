-- Issue 14: an attempt take (auth/throttle.ts) in ONE statement, atomic on its own, with no BEGIN and COMMIT
-- around it: the rows of all keys are created or locked (in the caller's order, sorted, so two takes never
-- deadlock), and under those locks the rule of issue 12 decides: refused when any counter is spent or delayed
-- (then nothing is written), else one attempt is counted in each, with its progressive delay. A window that
-- ran out starts again at `p_now`. Returns each key's state: as written when taken, as found when refused.
create function take_attempt(
  p_scopes text[], p_keys text[], p_subjects text[],
  p_max integer[], p_window integer[], p_delay_after integer[], -- a null delay_after: no progressive delay
  p_now timestamptz)
returns table (r_scope text, r_key text, r_attempts integer, r_window_start timestamptz,
               r_not_before timestamptz, r_taken boolean, r_n bigint)
language plpgsql as $$
begin
  insert into attempt_counters as c (scope, key, subject, window_start)
  select k.scope, k.key, k.subject, p_now
    from unnest(p_scopes, p_keys, p_subjects) with ordinality as k(scope, key, subject, n)
   order by k.n
  on conflict (scope, key) do update set subject = c.subject;

  -- The rows are this call's now: what they hold is the latest committed state, and stays so until the end.
  return query
    with fresh as (
      select c.scope, c.key, k.max, k.win, k.delay_after, k.n,
             case when w.expired then 0 else c.attempts end as attempts,
             case when w.expired then p_now else c.window_start end as window_start,
             case when w.expired then null else c.not_before end as not_before
        from unnest(p_scopes, p_keys, p_max, p_window, p_delay_after)
               with ordinality as k(scope, key, max, win, delay_after, n)
        join attempt_counters c on c.scope = k.scope and c.key = k.key
       cross join lateral (select c.window_start + k.win * interval '1 second' <= p_now as expired) w),
    refused as (
      select coalesce(bool_or(f.window_start + f.win * interval '1 second' > p_now
                              and (f.attempts >= f.max or f.not_before > p_now)), false) as yes
        from fresh f),
    written as (
      update attempt_counters c
         set attempts = f.attempts + 1,
             window_start = f.window_start,
             not_before = case
               when f.delay_after is null or f.attempts + 1 < f.delay_after then f.not_before
               else p_now + least(power(2::float8, least(f.attempts + 1 - f.delay_after, 62)), f.win)
                            * interval '1 second'
             end
        from fresh f
       where c.scope = f.scope and c.key = f.key and not (select yes from refused)
      returning c.scope, c.key, c.attempts, c.window_start, c.not_before, f.n)
    select w.scope, w.key, w.attempts, w.window_start, w.not_before, true, w.n from written w
    union all
    select f.scope, f.key, f.attempts, f.window_start, f.not_before, false, f.n from fresh f
     where (select yes from refused)
    order by 7;
end
$$;
