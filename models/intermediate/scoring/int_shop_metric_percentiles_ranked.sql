{#-
    Grain: one row per (score_date, scheme, shop_id, metric), scored shops only (SPEC §10: metric
    rows exist for scored shops). Each shop is ranked among the scored shops of its own chosen peer
    group (SPEC §3): the members of a group are the scored shops whose main category lies in its
    subtree, whatever group they chose themselves, so every group in use is ranked once, as one
    window partition, and each shop keeps the row of its own group.

    ranking_value = ranking_numerator / ranking_denominator (DESIGN), or with var
    smoothing_prior_orders = k > 0, (ranking_numerator + k * peer_rate) / (ranking_denominator + k),
    peer_rate = sum(ranking_numerator) / sum(ranking_denominator) over the group (SPEC §3).
    metric_score = lo + (hi - lo) * percentile on the scheme's scale (seed scheme_settings).
-#}
{%- set smoothing_prior_orders = var('smoothing_prior_orders') -%}
{#-
    Ranking values are rounded before ranking: a parallel sum (e.g. douyin's recency weights) can
    differ in its last bit from run to run, and two shops with the same true value must tie.
-#}
{%- set ranking_value_decimals = 9 -%}
{#- Columns carried through the ranking steps unchanged, so the result needs no join back. -#}
{%- set carried_columns = [
    'score_date', 'scheme', 'ranking_group_id', 'shop_id', 'peer_group_id', 'peer_count',
    'is_own_group', 'metric', 'dimension', 'direction', 'metric_weight', 'is_higher_better',
    'numerator', 'denominator', 'value',
] -%}

with

metric_values as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        numerator,
        denominator,
        value,
        ranking_numerator,
        ranking_denominator,
    from {{ ref('int_metric_values_unioned') }}

),

peer_group_members as (

    -- Every scored shop, once for each group in use that contains its main category.
    select
        score_date,
        scheme,
        peer_group_id,
        peer_count,
        shop_id,
        member_peer_group_id,
    from {{ ref('int_peer_group_members_listed') }}

),

metric_catalogue as (

    select
        scheme,
        metric,
        dimension,
        direction,
        weight,
    from {{ ref('metric_catalogue') }}

),

scheme_settings as (

    select
        scheme,
        scale_lo,
        scale_hi,
    from {{ ref('scheme_settings') }}

),

member_values as (

    select
        peer_group_members.score_date,
        peer_group_members.scheme,
        peer_group_members.peer_group_id as ranking_group_id,
        peer_group_members.shop_id,
        peer_group_members.member_peer_group_id as peer_group_id,
        -- the ranking group's size: on the rows kept (the shop's own group) the shop's peer_count
        peer_group_members.peer_count,
        peer_group_members.member_peer_group_id = peer_group_members.peer_group_id as is_own_group,
        metric_values.metric,
        metric_catalogue.dimension,
        metric_catalogue.direction,
        metric_catalogue.weight as metric_weight,
        metric_catalogue.direction = 'higher' as is_higher_better,
        metric_values.numerator,
        metric_values.denominator,
        metric_values.value,
        metric_values.ranking_numerator,
        metric_values.ranking_denominator,
        metric_values.ranking_numerator
        / nullif(metric_values.ranking_denominator, 0) as unsmoothed_value,
    from peer_group_members
    inner join metric_values
        on metric_values.score_date = peer_group_members.score_date
        and metric_values.scheme = peer_group_members.scheme
        and metric_values.shop_id = peer_group_members.shop_id
    inner join metric_catalogue
        on metric_catalogue.scheme = metric_values.scheme
        and metric_catalogue.metric = metric_values.metric

),

ranking_values as (

    select
        {% for column in carried_columns %}
        {{ column }},
        {% endfor %}
        {% if smoothing_prior_orders > 0 %}
        -- SPEC §3 smoothing: shrink each shop's rate towards its peer group's pooled rate.
        round(
            case
                when unsmoothed_value is not null
                    then
                        (
                            ranking_numerator
                            + {{ smoothing_prior_orders }}
                            * {{ exact_sum('ranking_numerator', 'over group_metric') }}
                            / nullif({{ exact_sum('ranking_denominator', 'over group_metric') }}, 0)
                        )
                        / (ranking_denominator + {{ smoothing_prior_orders }})
            end,
            {{ ranking_value_decimals }}
        ) as ranking_value,
        {% else %}
        round(unsmoothed_value, {{ ranking_value_decimals }}) as ranking_value,
        {% endif %}
    from member_values
    {% if smoothing_prior_orders > 0 %}
    window group_metric as (partition by score_date, scheme, ranking_group_id, metric)
    {% endif %}

),

ranked as (

    select
        {% for column in carried_columns %}
        {{ column }},
        {% endfor %}
        ranking_value,
        {{ percentile_score(
            'ranking_value',
            'is_higher_better',
            ['score_date', 'scheme', 'ranking_group_id', 'metric'],
        ) }} as percentile,
        count(ranking_value) over (
            partition by score_date, scheme, ranking_group_id, metric
        ) as ranked_peer_count,
    from ranking_values

),

final as (

    -- Each shop keeps the row of its own group only.
    select
        ranked.score_date,
        ranked.scheme,
        ranked.shop_id,
        ranked.metric,
        ranked.dimension,
        ranked.direction,
        ranked.metric_weight,
        ranked.numerator,
        ranked.denominator,
        ranked.value,
        ranked.ranking_value,
        ranked.peer_group_id,
        ranked.peer_count,
        ranked.ranked_peer_count,
        ranked.percentile,
        scheme_settings.scale_lo
        + (scheme_settings.scale_hi - scheme_settings.scale_lo) * ranked.percentile as metric_score,
    from ranked
    inner join scheme_settings
        on scheme_settings.scheme = ranked.scheme
    where ranked.is_own_group

)

select * from final
