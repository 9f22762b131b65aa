{#-
    Flags consistent with their rules and with score_status (SPEC §3, §4, §5, §6), recomputed from
    the published total scores:
      - no flag is set for a shop that is not scored;
      - a 'total_score' flag is set exactly when total_score <comparison> threshold;
      - an eviction is set only when the shop is enrolled on D and not eligible, and set whenever
        a scored shop is enrolled on D and not eligible;
      - an event flag is set only when total_score >= the lowest threshold of the event, and set
        whenever total_score >= its highest.
    Every flag rule of a listed shop's scheme has a row. Fails on each inconsistent row.
-#}
with

scores as (

    select
        score_date,
        scheme,
        shop_id,
        score_status,
        total_score,
    from {{ ref('fct_shop_score_daily') }}
    where {{ built_rows_where('score_date') }}

),

flags as (

    select
        score_date,
        scheme,
        shop_id,
        flag,
        is_set,
    from {{ ref('fct_shop_flag_daily') }}
    where {{ built_rows_where('score_date') }}

),

rules as (

    select
        scheme,
        flag,
        rule_type,
        comparison,
        threshold,
        program,
        eligibility_flag,
    from {{ ref('flag_rules') }}

),

events as (

    select
        'eligible_' || event as flag,
        min(min_score) as lowest_min_score,
        max(min_score) as highest_min_score,
    from {{ ref('tmall_event_thresholds') }}
    group by event

),

enrolled as (

    select distinct
        scores.score_date,
        scores.shop_id,
        enrollments.program,
    from scores
    inner join {{ ref('stg_platform__program_enrollments') }} as enrollments
        on enrollments.shop_id = scores.shop_id
        and enrollments.enrolled_at < scores.score_date
        and (enrollments.exited_at is null or enrollments.exited_at >= scores.score_date)

),

checked as (

    select
        scores.score_date,
        scores.scheme,
        scores.shop_id,
        scores.score_status,
        scores.total_score,
        flags.flag,
        flags.is_set,
        rules.rule_type,
        case
            when flags.flag is null then 'missing flag row'
            when scores.score_status <> 'scored' and flags.is_set then 'set although not scored'
            when rules.rule_type = 'total_score'
                and flags.is_set <> coalesce(
                    case rules.comparison
                        when '>=' then scores.total_score >= rules.threshold
                        when '>' then scores.total_score > rules.threshold
                        when '<' then scores.total_score < rules.threshold
                        when '<=' then scores.total_score <= rules.threshold
                    end
                    and scores.score_status = 'scored',
                    false
                )
                then 'threshold mismatch'
            when rules.rule_type = 'program_eviction'
                and flags.is_set <> (
                    scores.score_status = 'scored'
                    and enrolled.program is not null
                    and not coalesce(eligibility.is_set, false)
                )
                then 'eviction mismatch'
        end as problem,
    from scores
    inner join rules
        on rules.scheme = scores.scheme
    left join flags
        on flags.score_date = scores.score_date
        and flags.scheme = scores.scheme
        and flags.shop_id = scores.shop_id
        and flags.flag = rules.flag
    left join flags as eligibility
        on eligibility.score_date = scores.score_date
        and eligibility.scheme = scores.scheme
        and eligibility.shop_id = scores.shop_id
        and eligibility.flag = rules.eligibility_flag
    left join enrolled
        on enrolled.score_date = scores.score_date
        and enrolled.shop_id = scores.shop_id
        and enrolled.program = rules.program

    union all

    select
        flags.score_date,
        flags.scheme,
        flags.shop_id,
        scores.score_status,
        scores.total_score,
        flags.flag,
        flags.is_set,
        'event_threshold' as rule_type,
        case
            when scores.score_status <> 'scored' and flags.is_set then 'set although not scored'
            when flags.is_set and not coalesce(scores.total_score >= events.lowest_min_score, false)
                then 'event set below every threshold'
            when not flags.is_set and coalesce(scores.total_score >= events.highest_min_score, false)
                then 'event unset above every threshold'
        end as problem,
    from flags
    inner join events
        on events.flag = flags.flag
    inner join scores
        on scores.score_date = flags.score_date
        and scores.scheme = flags.scheme
        and scores.shop_id = flags.shop_id

)

select
    score_date,
    scheme,
    shop_id,
    score_status,
    total_score,
    flag,
    is_set,
    rule_type,
    problem,
from checked
where problem is not null
