{#-
    Every chosen scheme's metric rows in one relation (DESIGN: the scoring chain reads only this
    union): int_<scheme>__metric_values_unioned of each scheme of var `schemes`, found by that name
    (macro scheme_models), already cast to the metric-row types. No list of models lives here: a
    metric model is added to its own scheme's union.
-#}
{{ config(materialized="view") }}

{{ models_unioned(scheme_models('metric_values_unioned')) }}
