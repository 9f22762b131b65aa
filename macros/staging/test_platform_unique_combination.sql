{#- Generic test: the combination of column_names is unique in the model (one row per grain). -#}
{% test platform_unique_combination(model, column_names) %}

select
    {{ column_names | join(', ') }},
    count(*) as row_count,
from {{ model }}
group by {{ column_names | join(', ') }}
having count(*) > 1

{% endtest %}
