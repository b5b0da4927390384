-- Rate limits that hold across replicas: one token bucket per key (a partner, a web form, a form and client address),
-- kept here instead of in each process's memory, so that n replicas do not give n times the quota
-- (chassis ratelimit.RateLimiter). A bucket refills continuously; a row whose bucket is full again (full_at passed)
-- says nothing a missing row would not, and is purged.
create table rate_limit_bucket (
    key          text primary key,
    tokens       double precision not null,
    refreshed_at timestamptz not null,
    full_at      timestamptz not null
);
create index rate_limit_bucket_full_at on rate_limit_bucket (full_at);

-- Takes one token from the bucket p_key (holding at most p_capacity tokens, refilled by p_per_second) at time p_now:
-- taken says whether there was one, remaining how many are left. The upsert locks the row until the caller's
-- transaction ends, so concurrent takes on one key, from any replica, are applied one after the other.
create function chassis_rate_limit_take(p_key text, p_capacity double precision, p_per_second double precision,
                                        p_now timestamptz)
    returns table (taken boolean, remaining double precision)
    language plpgsql as
$$
declare
    v_tokens double precision;
begin
    insert into rate_limit_bucket as b (key, tokens, refreshed_at, full_at)
    values (p_key, p_capacity, p_now, p_now)
    on conflict (key) do update
        set tokens       = least(p_capacity,
                                 b.tokens + greatest(0, extract(epoch from p_now - b.refreshed_at)) * p_per_second),
            refreshed_at = greatest(b.refreshed_at, p_now)
    returning b.tokens into v_tokens;
    taken := v_tokens >= 1;
    if taken then
        v_tokens := v_tokens - 1;
    end if;
    update rate_limit_bucket b
       set tokens  = v_tokens,
           full_at = b.refreshed_at + make_interval(secs => (p_capacity - v_tokens) / p_per_second)
     where b.key = p_key;
    remaining := v_tokens;
    return next;
end
$$;
