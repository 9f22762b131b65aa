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

shop_rules as (

    -- Each shop x each flag rule of its scheme, with whether its total meets the rule's threshold
    -- (only a 'total_score' rule has one; a NULL total meets none).
    select
        shop_totals.score_date,
        shop_totals.scheme,
        shop_totals.shop_id,
        shop_totals.is_scored,
        flag_rules.flag,
        flag_rules.rule_type,
        flag_rules.program,
        flag_rules.eligibility_flag,
        coalesce(
            case flag_rules.comparison
                when '>=' then shop_totals.total_score >= flag_rules.threshold
                when '>' then shop_totals.total_score > flag_rules.threshold
                when '<' then shop_totals.total_score < flag_rules.threshold
                when '<=' then shop_totals.total_score <= flag_rules.threshold
            end,
            false
        ) as is_threshold_met,
    from shop_totals
    inner join flag_rules
        on flag_rules.scheme = shop_totals.scheme

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

rule_flags as (

    select
        shop_rules.score_date,
        shop_rules.scheme,
        shop_rules.shop_id,
        shop_rules.flag,
        shop_rules.rule_type,
        shop_rules.is_scored
        and case shop_rules.rule_type
            when 'total_score' then shop_rules.is_threshold_met
            -- enrolled in the programme on D while its eligibility flag (a 'total_score' rule) is unset
            when 'program_eviction'
                then enrolled_programs.program is not null
                    and not coalesce(eligibility.is_threshold_met, false)
        end as is_set,
    from shop_rules
    left join enrolled_programs
        on enrolled_programs.score_date = shop_rules.score_date
        and enrolled_programs.shop_id = shop_rules.shop_id
        and enrolled_programs.program = shop_rules.program
    left join shop_rules as eligibility
        on eligibility.score_date = shop_rules.score_date
        and eligibility.scheme = shop_rules.scheme
        and eligibility.shop_id = shop_rules.shop_id
        and eligibility.flag = shop_rules.eligibility_flag

),

events as (

    select distinct event
    from event_thresholds

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
    cross join events
    left join event_thresholds
        on event_thresholds.category_id = shop_totals.category_id
        and event_thresholds.event = events.event
    where shop_totals.scheme = '{{ event_scheme }}'

),

final as (

    -- Both flag CTEs emit the same columns in the same order.
    select * from rule_flags
    union all
    select * from event_flags

)

select * from final
