{#- Generic data tests (no dbt packages here, so written out); used by every layer, not just scoring. -#}

{#- Fails on every combination of `columns` that occurs more than once: the one grain test of the project. -#}
{% test scoring_unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as n_rows,
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}

{#-
    Fails on every row where `expression` is not true. Used on a column, column_name only names the
    column the rule is about (check_seed_files names it); the expression is written whole.
-#}
{% test scoring_expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)

{% endtest %}

{#- Fails on every non-NULL value of column_name outside [min_value, max_value]. -#}
{% test scoring_between(model, column_name, min_value, max_value) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}

{% endtest %}

{#-
    Fails on every non-NULL value of column_name outside its scheme's scale [scale_lo, scale_hi]
    (seed scheme_settings), and on rows whose scheme has no settings.
-#}
{% test scoring_within_scheme_scale(model, column_name, scheme_column='scheme') %}

select
    tested.{{ scheme_column }} as scheme,
    tested.{{ column_name }} as tested_value,
    scheme_settings.scale_lo,
    scheme_settings.scale_hi,
{#- a subquery: with a `where` config, `model` is `(select ...) dbt_subquery`, which takes no second alias #}
from (select * from {{ model }}) as tested
left join {{ ref('scheme_settings') }} as scheme_settings
    on scheme_settings.scheme = tested.{{ scheme_column }}
where
    tested.{{ column_name }} is not null
    and (
        scheme_settings.scheme is null
        or tested.{{ column_name }} < scheme_settings.scale_lo
        or tested.{{ column_name }} > scheme_settings.scale_hi
    )

{% endtest %}
