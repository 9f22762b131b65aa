{#-
    Improvement targets (SPEC §8, seed 004 "根据目标分数制定推广计划"): one row per (score_date,
    scheme, shop_id, metric) for scored shops whose total misses a threshold, every metric with a
    ranking value.

    next_threshold: the lowest threshold of the scheme's total_score rules (seed flag_rules) and, for
    the events' scheme, of the shop's category (int_category_event_thresholds_resolved) that the
    total does not meet. Meeting a rule: '>=' -> total >= t; '>' -> total > t; a sanction '<' is
    cleared by total >= t, a '<=' one by total > t (next_threshold_is_strict: '>' needed). No rows
    when every threshold is met.

    Rescoring one metric with every other metric and every peer unchanged moves only its score, so
    the total becomes base + weight_share x (lo + (hi - lo) x (1 + k) / n), where base = the total's
    unrounded sum less this metric's contribution (the shares of int_shop_metric_weight_shares_computed,
    which the total is summed from), n = the peers with a ranking value (the shop included) and k =
    the other peers at most as good as the new value (ties share the better rank, SPEC §3). The
    target is the smallest k whose total, rounded to 9 decimals like the published total, meets the
    threshold; the ranking value that gives it is the k-th other peer value from the worst, the
    closest value to the current one that gets there. The next distinct peer value a step worse
    gives at most k - 1 and misses. Reaching k = n - 1 (a tie with the best peer) is the most any
    value can do: when even that misses, the target is unreachable (NULL). A metric without a
    ranking value (NULL) gets no row: giving it one would change the weights, not just its score.
    With smoothing on (var smoothing_prior_orders), the target is in ranking-value (smoothed) terms
    and the peers' values are their published ranking values.
-#}
{#- The scheme whose events seed tmall_event_thresholds lists (SPEC §6), from configuration. -#}
{%- set event_scheme = event_thresholds_scheme() -%}
with

metric_shares as (

    select * from {{ ref('int_shop_metric_weight_shares_computed') }}

),

metric_percentiles as (

    select * from {{ ref('int_shop_metric_percentiles_ranked') }}

),

totals as (

    select * from {{ ref('int_shop_total_scores_weighted') }}
    where total_score is not null

),

statuses as (

    select * from {{ ref('int_shop_score_statuses_assigned') }}
    where score_status = 'scored'

),

group_members as (

    select * from {{ ref('int_peer_group_members_listed') }}

),

flag_rules as (

    select * from {{ ref('flag_rules') }}
    where rule_type = 'total_score'

),

event_thresholds as (

    select * from {{ ref('int_category_event_thresholds_resolved') }}

),

scheme_settings as (

    select * from {{ ref('scheme_settings') }}

),

shop_thresholds as (

    select
        totals.score_date,
        totals.scheme,
        totals.shop_id,
        totals.total_score,
        flag_rules.flag,
        flag_rules.threshold,
        flag_rules.comparison in ('>', '<=') as is_strict,
    from totals
    inner join flag_rules
        on flag_rules.scheme = totals.scheme

    union all

    select
        totals.score_date,
        totals.scheme,
        totals.shop_id,
        totals.total_score,
        'eligible_' || event_thresholds.event as flag,
        event_thresholds.min_score as threshold,
        false as is_strict,
    from totals
    inner join statuses using (score_date, scheme, shop_id)
    inner join event_thresholds
        on event_thresholds.category_id = statuses.category_id
    where totals.scheme = '{{ event_scheme }}'
        and event_thresholds.min_score is not null

),

unmet_thresholds as (

    select
        score_date,
        scheme,
        shop_id,
        flag,
        threshold,
        is_strict,
    from shop_thresholds
    where not (total_score > threshold or (total_score = threshold and not is_strict))

),

lowest_unmet_thresholds as (

    select
        score_date,
        scheme,
        shop_id,
        min(threshold) as next_threshold,
    from unmet_thresholds
    group by
        score_date,
        scheme,
        shop_id

),

next_thresholds as (

    -- The lowest unmet threshold; at one value a non-strict rule is the nearer bar.
    select
        unmet_thresholds.score_date,
        unmet_thresholds.scheme,
        unmet_thresholds.shop_id,
        lowest_unmet_thresholds.next_threshold,
        bool_and(unmet_thresholds.is_strict) as next_threshold_is_strict,
        {{ sorted_text_agg('unmet_thresholds.flag', "','") }} as next_threshold_flags,
    from unmet_thresholds
    inner join lowest_unmet_thresholds
        on lowest_unmet_thresholds.score_date = unmet_thresholds.score_date
        and lowest_unmet_thresholds.scheme = unmet_thresholds.scheme
        and lowest_unmet_thresholds.shop_id = unmet_thresholds.shop_id
        and lowest_unmet_thresholds.next_threshold = unmet_thresholds.threshold
    group by
        unmet_thresholds.score_date,
        unmet_thresholds.scheme,
        unmet_thresholds.shop_id,
        lowest_unmet_thresholds.next_threshold

),

shop_metrics as (

    select
        *,
        -- The total before rounding, less this metric's contribution.
        {{ exact_sum('weight_share * metric_score', 'over (partition by score_date, scheme, shop_id)') }}
        - weight_share * metric_score as base_total,
    from metric_shares

),

needed_metrics as (

    select
        shop_metrics.*,
        next_thresholds.next_threshold,
        next_thresholds.next_threshold_is_strict,
        next_thresholds.next_threshold_flags,
        scheme_settings.scale_lo,
        scheme_settings.scale_hi,
    from shop_metrics
    inner join next_thresholds using (score_date, scheme, shop_id)
    inner join scheme_settings
        on scheme_settings.scheme = shop_metrics.scheme
    where shop_metrics.ranking_value is not null

),

estimated_counts as (

    -- k = other peers at most as good as the new value; the estimate from the unrounded formula
    -- is within one of the smallest k that meets the rounded threshold, and k = n - 1 is the best.
    select
        *,
        cast(least(greatest(ceil(
            ((next_threshold - base_total) / nullif(weight_share, 0) - scale_lo)
            / (scale_hi - scale_lo) * ranked_peer_count - 1
        ), 0), ranked_peer_count) as bigint) as estimated_count,
    from needed_metrics

),

candidate_counts as (

    select
        *,
        {% call unnest_list() %}estimated_count - 1, estimated_count, estimated_count + 1, ranked_peer_count - 1{% endcall %}
            as other_count,
    from estimated_counts

),

candidates_scored as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        other_count,
        round(
            base_total
            + weight_share * (scale_lo + (scale_hi - scale_lo) * (1 + other_count) / ranked_peer_count),
            9
        ) as rescored_total,
        next_threshold,
        next_threshold_is_strict,
    from candidate_counts
    where other_count between 1 and ranked_peer_count - 1
        and weight_share > 0

),

target_counts as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        min(other_count) as target_other_count,
    from candidates_scored
    where rescored_total > next_threshold
        or (rescored_total = next_threshold and not next_threshold_is_strict)
    group by
        score_date,
        scheme,
        shop_id,
        metric

),

peer_values as (

    -- Each group's ranking values from the worst to the best (the percentile's order), and with
    -- ties the last position holding the value: one sort serves both (the RANGE frame takes every
    -- peer equal to the current row, as in macro percentile_score). The window is written out through
    -- a Jinja variable: Spark takes no frame on a named window.
    {%- set worst_first %}
        partition by
            group_members.score_date,
            group_members.scheme,
            group_members.peer_group_id,
            metric_percentiles.metric
        order by
            case
                when metric_percentiles.direction = 'higher' then metric_percentiles.ranking_value
                else 0.0 - metric_percentiles.ranking_value
            end
    {%- endset %}
    select
        group_members.score_date,
        group_members.scheme,
        group_members.peer_group_id,
        metric_percentiles.metric,
        group_members.shop_id,
        metric_percentiles.ranking_value,
        row_number() over ({{ worst_first }}) as worst_first_position,
        count(*) over (
            {{ worst_first }} range between unbounded preceding and current row
        ) as last_tied_position,
    from group_members
    inner join metric_percentiles using (score_date, scheme, shop_id)
    where metric_percentiles.ranking_value is not null

),

targets as (

    select
        needed_metrics.*,
        target_counts.target_other_count,
        -- The k-th other peer from the worst. The shop and every peer tied with it sit at or before
        -- position k (k exceeds the peers now at most as good as the shop), so that peer is at k + 1.
        target_counts.target_other_count + 1 as target_position,
    from needed_metrics
    left join target_counts using (score_date, scheme, shop_id, metric)

),

valued as {{ cte_materialized(true) }} (

    select
        targets.score_date,
        targets.scheme,
        targets.shop_id,
        targets.metric,
        targets.next_threshold,
        targets.next_threshold_flags,
        targets.direction,
        targets.ranking_value as current_ranking_value,
        target_values.ranking_value as target_ranking_value,
        target_values.ranking_value is not null as is_reachable,
        abs(target_values.ranking_value - targets.ranking_value)
        / nullif(abs(targets.ranking_value), 0) as relative_change,
        -- The total rescored with the target: the shop and every peer up to the last one tied with it.
        round(
            targets.base_total
            + targets.weight_share * (
                targets.scale_lo
                + (targets.scale_hi - targets.scale_lo)
                * target_values.last_tied_position / targets.ranked_peer_count
            ),
            9
        ) as rescored_total_score,
        targets.percentile as current_percentile,
        targets.peer_group_id,
    from targets
    left join peer_values as target_values
        on target_values.score_date = targets.score_date
        and target_values.scheme = targets.scheme
        and target_values.peer_group_id = targets.peer_group_id
        and target_values.metric = targets.metric
        and target_values.worst_first_position = targets.target_position

),

easiest_metrics as (

    -- Per shop and date, the reachable metric with the least relative change (a NULL change last),
    -- ties by metric name: the first row by (change nulls last, name).
    select
        score_date,
        scheme,
        shop_id,
        metric as easiest_metric,
    from valued
    where is_reachable
    qualify
        row_number() over (
            partition by score_date, scheme, shop_id
            order by relative_change asc nulls last, metric asc
        ) = 1

),

easiest_marked as (

    select
        valued.*,
        -- A total only for a target that can be reached.
        case when valued.is_reachable then valued.rescored_total_score end as target_total_score,
        coalesce(valued.metric = easiest_metrics.easiest_metric, false) as is_easiest,
    from valued
    left join easiest_metrics using (score_date, scheme, shop_id)

),

final as (

    select
        {{ contract_columns() }}
    from easiest_marked

)

select * from final
