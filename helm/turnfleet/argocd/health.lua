-- Argo CD health check for turnfleet.io/TurnServer (argocd-cm key
-- resource.customizations.health.turnfleet.io_TurnServer). It reads the kstatus conditions the
-- operator writes, as Flux does: a status for an older generation or Reconciling=True is
-- Progressing, Stalled=True is Degraded (the message names the field to fix), and otherwise the
-- fleet is Healthy once a relay is Ready. A TurnServer cannot be paused, so it is never Suspended.
hs = {}
if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
local conditions = {}
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    conditions[condition.type] = condition
  end
end
local function describe(condition)
  return condition.reason .. ": " .. condition.message
end
if conditions.Stalled ~= nil and conditions.Stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(conditions.Stalled)
  return hs
end
if conditions.Reconciling ~= nil and conditions.Reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(conditions.Reconciling)
  return hs
end
if conditions.Ready ~= nil and conditions.Ready.status == "True" then
  hs.status = "Healthy"
  hs.message = conditions.Ready.message
  return hs
end
hs.status = "Progressing"
if conditions.Ready ~= nil then
  hs.message = describe(conditions.Ready)
else
  hs.message = "Waiting for a relay to become ready"
end
return hs
