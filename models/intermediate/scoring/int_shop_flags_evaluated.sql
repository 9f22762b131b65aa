{#-
    Grain: one row per (score_date, scheme, shop_id, flag): every listed shop (scored or not) x every
    flag of its scheme, from two seeds:
      - flag_rules (SPEC §4, §5): rule_type 'total_score' sets the flag when total_score
        <comparison> threshold; rule_type 'program_eviction' sets it when the shop is enrolled in
        the programme on D (enrolled_at < D and (exited_at NULL or >= D)) and its eligibility_flag
        (a 'total_score' flag of the same scheme) is not set.
      - tmall_event_thresholds (SPEC §6): flag eligible_<event> when total_score >= min_score of the
        shop's main category (int_category_event_thresholds_resolved: the most specific row among the
        category and its ancestors, else '*').
    A shop with insufficient volume has every flag unset (SPEC §3); so has a NULL total.
-#}
{#- The scheme whose events seed tmall_event_thresholds lists (SPEC §6), from configuration. -#}
{%- set event_scheme = event_thresholds_scheme() -%}

with

statuses as (

    select
        score_date,
        scheme,
        shop_id,
        category_id,
        score_status,
    from {{ ref('int_shop_score_statuses_assigned') }}

),

totals as (

    select
        score_date,
        scheme,
        shop_id,
        total_score,
    from {{ ref('int_shop_total_scores_weighted') }}

),

flag_rules as (

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

event_thresholds as (

    select
        category_id,
        event,
        min_score,
    from {{ ref('int_category_event_thresholds_resolved') }}

),

enrollments as (

    select
        shop_id,
        program,
        enrolled_at,
        exited_at,
    from {{ ref('stg_platform__program_enrollments') }}

),

shop_totals as (

    select
        statuses.score_date,
        statuses.scheme,
        statuses.shop_id,
        statuses.category_id,
        statuses.score_status = 'scored' as is_scored,
        totals.total_score,
    from statuses
    left join totals
        on totals.score_date = statuses.score_date
        and totals.scheme = statuses.scheme
        and totals.shop_id = statuses.shop_id

),

threshold_flags as (

    select
        shop_totals.score_date,
        shop_totals.scheme,
        shop_totals.shop_id,
        flag_rules.flag,
        flag_rules.rule_type,
        shop_totals.is_scored
        and coalesce(
            case flag_rules.comparison
                when '>=' then shop_totals.total_score >= flag_rules.threshold
                when '>' then shop_totals.total_score > flag_rules.threshold
                when '<' then shop_totals.total_score < flag_rules.threshold
                when '<=' then shop_totals.total_score <= flag_rules.threshold
            end,
            false
        ) as is_set,
    from shop_totals
    inner join flag_rules
        on flag_rules.scheme = shop_totals.scheme
    where flag_rules.rule_type = 'total_score'

),

enrolled_programs as (

    -- Enrolled on D (SPEC §4): enrolled before D 00:00 and not exited before D 00:00.
    select distinct
        shop_totals.score_date,
        shop_totals.shop_id,
        enrollments.program,
    from shop_totals
    inner join enrollments
        on enrollments.shop_id = shop_totals.shop_id
        and enrollments.enrolled_at < shop_totals.score_date
        and (enrollments.exited_at is null or enrollments.exited_at >= shop_totals.score_date)

),

eviction_flags as (

    select
        shop_totals.score_date,
        shop_totals.scheme,
        shop_totals.shop_id,
        flag_rules.flag,
        flag_rules.rule_type,
        shop_totals.is_scored
        and enrolled_programs.program is not null
        and not coalesce(eligibility.is_set, false) as is_set,
    from shop_totals
    inner join flag_rules
        on flag_rules.scheme = shop_totals.scheme
    left join enrolled_programs
        on enrolled_programs.score_date = shop_totals.score_date
        and enrolled_programs.shop_id = shop_totals.shop_id
        and enrolled_programs.program = flag_rules.program
    left join threshold_flags as eligibility
        on eligibility.score_date = shop_totals.score_date
        and eligibility.scheme = shop_totals.scheme
        and eligibility.shop_id = shop_totals.shop_id
        and eligibility.flag = flag_rules.eligibility_flag
    where flag_rules.rule_type = 'program_eviction'

),

event_flags as (

    select
        shop_totals.score_date,
        shop_totals.scheme,
        shop_totals.shop_id,
        'eligible_' || events.event as flag,
        'event_threshold' as rule_type,
        shop_totals.is_scored
        and coalesce(shop_totals.total_score >= event_thresholds.min_score, false) as is_set,
    from shop_totals
    cross join (select distinct event_thresholds.event from event_thresholds) as events
    left join event_thresholds
        on event_thresholds.category_id = shop_totals.category_id
        and event_thresholds.event = events.event
    where shop_totals.scheme = '{{ event_scheme }}'

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        flag,
        rule_type,
        is_set,
    from threshold_flags

    union all

    select
        score_date,
        scheme,
        shop_id,
        flag,
        rule_type,
        is_set,
    from eviction_flags

    union all

    select
        score_date,
        scheme,
        shop_id,
        flag,
        rule_type,
        is_set,
    from event_flags

)

select
    score_date,
    scheme,
    shop_id,
    flag,
    rule_type,
    is_set,
from final
