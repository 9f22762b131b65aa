{#-
    The select list of a published mart (STYLE 13): every column of the model's contract, in the YAML's
    order, cast to the contract's data_type. The names, order and types a mart publishes are written once,
    in its YAML (contract: {enforced: true} then checks them), and its SQL ends with
        final as (select {{ contract_columns() }} from <the last logical CTE>)
    where that CTE has a column of each contract name (extra columns are not published).
    While dbt only parses, the model's YAML is not attached yet and the list is empty (the SQL never runs);
    a unit test (rendered without the graph) gets `*`: it checks the logic, each build checks the contract.
-#}
{% macro contract_columns() -%}
    {{ return(adapter.dispatch('contract_columns')()) }}
{%- endmacro %}

{% macro default__contract_columns() -%}
    {%- if model.resource_type == 'unit_test' -%}
        {#- A unit test renders the model's SQL without the graph, hence without its contract: it checks the
            logic on the CTE's own columns (the contract is checked by every build). -#}
        {{ return('*,') }}
    {%- endif -%}
    {%- set casts = [] -%}
    {%- for column in model.columns.values() -%}
        {%- if execute and not column.data_type -%}
            {{ exceptions.raise_compiler_error(
                'contract_columns: column ' ~ column.name ~ ' of ' ~ model.name ~ ' has no data_type in its YAML.'
            ) }}
        {%- endif -%}
        {%- do casts.append('cast(' ~ column.name ~ ' as ' ~ column.data_type ~ ') as ' ~ column.name ~ ',') -%}
    {%- endfor -%}
    {{ return(casts | join('\n        ')) }}
{%- endmacro %}
