package io.turnfleet.operator;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CRUD mock, plus what an API server answers to a SelfSubjectRulesReview: the rules granted to
 * the caller. The CRUD mock alone would echo the review back without a status. java-operator-sdk
 * sends one before leader election to check its Lease permissions; tests grant the rules the Helm
 * chart grants, so the check runs as it would in a cluster.
 */
final class SelfSubjectRulesDispatcher extends KubernetesCrudDispatcher {
  static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private final List<ResourceRule> granted = new CopyOnWriteArrayList<>();

  void grant(List<ResourceRule> rules) {
    granted.addAll(rules);
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    if (!request.getPath().startsWith(PATH)) {
      return super.handleCreate(request);
    }
    SelfSubjectRulesReview review = Serialization.unmarshal(request.getUtf8Body(), SelfSubjectRulesReview.class);
    review.setStatus(new SubjectRulesReviewStatusBuilder()
        .withResourceRules(List.copyOf(granted))
        .withNonResourceRules(List.of())
        .withIncomplete(false)
        .build());
    return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
  }
}
