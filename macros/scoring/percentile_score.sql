{#-
    Percentile of a shop's ranking value among its peers (SPEC §3, "Percentile scoring macro"),
    as a window expression: cume_dist taken in the better direction.

    higher is better: (peers whose value <= mine) / (peers with a non-NULL value)
    lower is better:  (peers whose value >= mine) / (peers with a non-NULL value)

    Ties share the better rank (the RANGE frame takes every peer equal to the current row), so
    when all shops have a zero help rate they all get 1.0; a one-shop group gets 1.0; a NULL
    ranking value gets a NULL percentile and is not counted among the peers.
-#}
{% macro percentile_score(ranking_value, is_higher_better, partition_by) -%}
    {{ return(adapter.dispatch('percentile_score')(ranking_value, is_higher_better, partition_by)) }}
{%- endmacro %}

{#-
    One ascending order serves both directions: lower-is-better ranks on the negated value
    (0.0 - v, which is never -0.0), so "peers whose value >= mine" becomes "<= mine".
-#}
{% macro default__percentile_score(ranking_value, is_higher_better, partition_by) -%}
    case
        when {{ ranking_value }} is not null
            then
                cast(count({{ ranking_value }}) over (
                    partition by {{ partition_by | join(', ') }}
                    order by
                        case
                            when {{ is_higher_better }} then {{ ranking_value }}
                            else 0.0 - {{ ranking_value }}
                        end asc nulls last
                    range between unbounded preceding and current row
                ) as double)
                / count({{ ranking_value }}) over (partition by {{ partition_by | join(', ') }})
    end
{%- endmacro %}
