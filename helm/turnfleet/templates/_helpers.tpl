{{- define "turnfleet.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "turnfleet.selectorLabels" -}}
app.kubernetes.io/name: turnfleet-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "turnfleet.labels" -}}
{{ include "turnfleet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: turnfleet
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The rules for TurnServers and the objects the operator creates for them. */}}
{{- define "turnfleet.fleetRules" -}}
- apiGroups: ["turnfleet.io"]
  resources: ["turnservers"]
  verbs: ["list", "watch"]
- apiGroups: ["turnfleet.io"]
  resources: ["turnservers/status"]
  verbs: ["update"]
# delete: the credential service's objects go when spec.credentials is turned off
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["configmaps", "services", "serviceaccounts"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  # patch: the pod-deletion-cost annotation that makes a scale-down drain the least-loaded relay
  verbs: ["list", "watch", "patch"]
- apiGroups: [""]
  resources: ["events"]
  # a repeated Event is counted on the existing object (get, patch) as client-go's recorder does
  verbs: ["create", "get", "patch"]
# spec.dns.certificateIssuer: the Certificate cert-manager writes the TLS listeners' Secret from
- apiGroups: ["cert-manager.io"]
  resources: ["certificates"]
  verbs: ["get", "create", "update"]
{{- end -}}

{{/* A duration such as 90s, 15m or 2h in seconds, for alert expressions. */}}
{{- define "turnfleet.durationSeconds" -}}
{{- $d := toString . -}}
{{- if hasSuffix "h" $d -}}{{ mul (trimSuffix "h" $d | int) 3600 }}
{{- else if hasSuffix "m" $d -}}{{ mul (trimSuffix "m" $d | int) 60 }}
{{- else -}}{{ trimSuffix "s" $d | int }}
{{- end -}}
{{- end -}}
